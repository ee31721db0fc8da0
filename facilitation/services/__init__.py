"""The rules of a roundtable: plain functions over a SQLAlchemy Session, no transport."""
