"""The register model: enums of the format's vocabularies and the register's dataclasses."""
