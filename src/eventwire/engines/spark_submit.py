"""The file to give ``spark-submit`` (it runs a file, not ``-m``): the Spark engine's command.

    spark-submit --master yarn … "$(python -c 'import eventwire.engines.spark_submit as m;
        print(m.__file__)')" /data/news/*.jsonl.gz --output /shared/eventwire-out

Absolute imports only: spark-submit runs it as a script, outside its package (docs/spark.md).
"""

import sys

from eventwire.engines.spark import main

if __name__ == "__main__":
    sys.exit(main())
