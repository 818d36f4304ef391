"""accelkb: a knowledge base for competitive intelligence on the AI-accelerator market."""

__version__ = "0.1.0"
