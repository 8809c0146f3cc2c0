"""One module per rule.  The registry imports every module here; see ``checks/base.py``."""
