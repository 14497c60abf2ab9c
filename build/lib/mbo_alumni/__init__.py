"""Data model, validation and output generators for the mbo alumni knowledge site.

Only :mod:`mbo_alumni.plugin` imports MkDocs; everything else is generator-neutral.
"""

__version__ = "0.1.0"
