"""An upload handler that keeps the transcript in memory and never on disk.

Django writes uploads over 2.5 MB to a temporary file; a transcript must not touch the disk, so
the upload view swaps in this handler. Beyond ``limit`` bytes it stops keeping data and marks the
file as too large (the rest of the form still arrives, so the page can say so); far beyond it, it
stops reading the request.
"""

from __future__ import annotations

from io import BytesIO

from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload


class MemoryOnlyUpload(InMemoryUploadedFile):
    too_large: bool = False


class TranscriptUploadHandler(FileUploadHandler):
    def __init__(self, request=None, *, limit: int) -> None:
        super().__init__(request)
        self.limit = limit

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self.buffer = BytesIO()
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        self.received += len(raw_data)
        if self.received > 4 * self.limit:
            raise StopUpload(connection_reset=True)
        if self.received <= self.limit:
            self.buffer.write(raw_data)
        return None

    def file_complete(self, file_size: int) -> MemoryOnlyUpload:
        self.buffer.seek(0)
        upload = MemoryOnlyUpload(
            file=self.buffer,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=self.received,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )
        upload.too_large = self.received > self.limit
        return upload
