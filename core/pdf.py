"""The PDF base shared by invoices, badges and agendas."""

from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent / "fonts"
