"""Alembic migrations of the database layout (package data: env.py and versions/)."""
