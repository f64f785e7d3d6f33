"""The spaCy components of govreport-nlp (registered as factories on import)."""
