"""ReportLab's platypus, as the PDF writer's modules use it: they import it through this one,
so that what the writer takes from ReportLab is listed in one place."""

from __future__ import annotations

from reportlab.platypus import (BaseDocTemplate, CondPageBreak, Flowable, Frame, Indenter, LongTable,
                                NextPageTemplate, PageBreak, PageTemplate, Paragraph, Spacer, Table, TableStyle)
from reportlab.platypus.flowables import HRFlowable
from reportlab.platypus.paraparser import ParaFrag, sizeDelta, supFraction

__all__ = ["BaseDocTemplate", "CondPageBreak", "Flowable", "Frame", "HRFlowable", "Indenter", "LongTable",
           "NextPageTemplate", "PageBreak", "PageTemplate", "ParaFrag", "Paragraph", "Spacer", "Table",
           "TableStyle", "sizeDelta", "supFraction"]
