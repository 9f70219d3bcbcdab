"""The ASGI application of ``eventwire serve``: the REST API, the dashboard, our static files,
security headers on every response, and domain errors turned into JSON (``/api``) or pages."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware

from ..analysis.changes import InvalidChangeRequest
from ..analysis.filters import InvalidFilter
from ..analysis.records import UnknownRecord
from ..analysis.search import MissingSearchIndex, UnreadableQuery
from ..config import Options, load_options
from ..errors import EventwireError, UnknownActorCode, UnknownCameoCode
from ..treaties.status import UnknownTreaty
from ..versions import package_version
from . import api, pages
from .reader import QueryTimeout, StoreReader

__all__ = ["CONTENT_SECURITY_POLICY", "create_app"]

# Only our own origin, no inline script or style, no plugins, no framing: every asset is
# served by us (``static/``), so nothing else needs allowing.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
    " object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}

# Domain errors and the status they answer with.
_STATUS: tuple[tuple[type[EventwireError], int], ...] = (
    (UnknownRecord, 404),
    (UnknownTreaty, 404),
    (QueryTimeout, 503),
    (MissingSearchIndex, 503),
    (InvalidFilter, 400),
    (InvalidChangeRequest, 400),
    (UnreadableQuery, 400),
    (UnknownActorCode, 400),
    (UnknownCameoCode, 400),
)


def status_of(exc: EventwireError) -> int:
    """The HTTP status of a domain error (400 for one we do not list: the request asked for
    something the record cannot give)."""
    for kind, status in _STATUS:
        if isinstance(exc, kind):
            return status
    return 400


STATIC_DIR = Path(str(resources.files("eventwire.web").joinpath("static")))


def create_app(db: str | Path, options: Options | None = None) -> FastAPI:
    """The application serving the store at ``db`` (opened read-only when the app starts)."""
    settings = options or load_options()

    # Opened now, so a bad path fails here; it lives as long as the app (the ``serve``
    # command closes it when the server stops; an ASGI test client may start and stop the
    # app's lifespan many times).
    store_reader = StoreReader(db, settings.web)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        store_reader.release()  # the file is free once the server stops

    app = FastAPI(
        lifespan=lifespan,
        title="eventwire",
        version=package_version(),
        description="Political event data from international news: the record of one store.",
        docs_url=None,  # Swagger UI loads from a CDN with inline script: /api-docs is ours
        redoc_url=None,
    )
    app.state.reader = store_reader
    app.state.min_confidence = settings.analysis.min_confidence
    app.state.options = settings
    # Level 1, not Starlette's 9: the overview's world map is 1.04 MB of SVG, which level 9
    # compressed in 211 ms of CPU (more than the page's queries) to 374 kB, level 1 in 11 ms
    # to 453 kB (docs/performance.md).
    app.add_middleware(GZipMiddleware, minimum_size=2_000, compresslevel=1)

    @app.middleware("http")
    async def security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        for name, value in _HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.exception_handler(EventwireError)
    async def domain_error(request: Request, exc: EventwireError) -> Response:
        status = status_of(exc)
        if request.url.path.startswith("/api") or request.url.path == "/openapi.json":
            return JSONResponse({"error": str(exc), "status": status}, status_code=status)
        return pages.error_page(request, str(exc), status)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        message = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg')}"
            for e in exc.errors()
        )
        if request.url.path.startswith("/api"):
            return JSONResponse({"error": message, "status": 400}, status_code=400)
        return pages.error_page(request, message, 400)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/api") or exc.status_code != 404:
            return JSONResponse(
                {"error": str(exc.detail), "status": exc.status_code},
                status_code=exc.status_code,
            )
        return pages.error_page(request, "no such page", 404)

    app.include_router(api.router)
    app.include_router(pages.router)
    # StaticFiles serves only files inside its directory (it resolves each path and refuses
    # one that leaves it), so /static/../ cannot read anything else.
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app
