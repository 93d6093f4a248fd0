"""govreports: China's government information-disclosure annual reports, as data."""

__version__ = "0.1.0"
