"""ropa: a GDPR Article 30 register kept as code, checked in CI, exported as documents."""

__version__ = "0.1.0"

FORMAT_VERSION = 1
