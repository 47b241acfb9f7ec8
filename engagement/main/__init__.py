"""Pages outside any one consultation: home, help, accessibility."""

from engagement.main import views  # noqa: F401 (registers the routes)
from engagement.main.blueprint import bp

__all__ = ["bp"]
