"""One module per output format; each exports a writer class: Document + Theme -> bytes."""
