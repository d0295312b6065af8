"""One module per mirrored paper; each exposes ``build() -> Site``."""
