"""Note -> CONTRACT extraction record: rules first, the language model for what they miss,
every item grounded to a span of the note. Batch CLI: ``python -m assistant.extract``."""
