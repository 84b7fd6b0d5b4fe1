"""SYL Collect core: domain, crypto, storage, forms and services. Never imports Qt."""

__version__ = "0.1.0"
