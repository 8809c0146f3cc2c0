"""betareader: an automated beta reader and story analyzer for fan fiction and narrative prose."""

__version__ = "0.1.0"

from .api import analyze, analyze_path, check, check_path  # noqa: E402

__all__ = ["analyze", "analyze_path", "check", "check_path", "__version__"]
