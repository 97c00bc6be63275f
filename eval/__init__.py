"""Importing ``assistant`` first sets the process's OpenMP wait policy before torch loads."""

import assistant as _assistant  # noqa: F401  (sets OMP_WAIT_POLICY before torch is imported)
