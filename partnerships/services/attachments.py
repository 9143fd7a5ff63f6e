from pathlib import Path

from django.utils.translation import gettext_lazy as _

from partnerships.services.errors import AttachmentRejected

MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
# Scripts, launch actions and embedded files have no place in a brochure that members download.
ACTIVE_CONTENT = (b"/JavaScript", b"/JS ", b"/JS(", b"/JS<", b"/Launch", b"/EmbeddedFile")


def sniff_attachment(uploaded) -> str:
    """Check that an uploaded attachment is what it claims to be, a PDF of at most 5 MB without active content;
    return the content type or raise AttachmentRejected. The extension alone proves nothing."""
    if uploaded.size > MAX_ATTACHMENT_BYTES:
        raise AttachmentRejected(_("The attachment is larger than 5 MB."))
    if Path(uploaded.name).suffix.lower() != ".pdf":
        raise AttachmentRejected(_("Only PDF documents can be attached."))
    uploaded.seek(0)
    content = uploaded.read()
    uploaded.seek(0)
    if not content.startswith(b"%PDF-") or b"%%EOF" not in content[-1024:]:
        raise AttachmentRejected(_("This file is not a real PDF document."))
    if any(marker in content for marker in ACTIVE_CONTENT):
        raise AttachmentRejected(_("This PDF contains scripts or embedded files: attach a plain PDF."))
    return "application/pdf"
