"""Certificate rendering: the PDF (pdf.py), its QR code (qr.py), wording (content.py), dates (dates.py).

Nothing here imports fpdf2, segno or jinja2 at module level; see pdf.py.
"""
