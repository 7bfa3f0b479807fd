"""report-convert: raw report text to DOCX, PDF, EPUB, XLIFF and every pandoc format."""

__version__ = "0.1.0"
