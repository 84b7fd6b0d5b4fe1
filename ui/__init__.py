"""The Qt layer of SYL Collect (PySide6). The core in `sylcollect/` never imports it."""
