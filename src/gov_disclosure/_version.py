"""The version of the package, read by the build (``[tool.hatch.version]``): known without importing anything."""

__version__ = "0.1.0.dev0"
