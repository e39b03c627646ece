"""Rendering: the linked corpus -> Markdown pages (templates in generator/templates)."""

from .dates import display_date
from .markup import Safe, environment, escape
from .page import PageBuilder
from .renderer import Renderer
from .site import Site

__all__ = ["PageBuilder", "Renderer", "Safe", "Site", "display_date", "environment", "escape"]
