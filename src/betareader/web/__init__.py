"""The local web page and HTTP JSON API (``betareader serve``): see :mod:`betareader.web.app`."""

from .app import create_app, serve

__all__ = ["create_app", "serve"]
