"""Render stage: the course as the files of one web site (one SCO), launch file ``index.html``."""
from .site import render_site

__all__ = ["render_site"]
