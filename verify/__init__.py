"""verify: find every quotation in a folder of articles, work out who is quoted, link it to its
primary source and judge the printed wording against it."""

__version__ = "0.1.0"
__all__ = ["__version__"]
