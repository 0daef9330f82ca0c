"""Reads, by subject: `registrations` (courses a parent can join, a personal link's
registration, staff lists of registrations) and `attendance` (who may record it, the sheet,
the matrix, completion, a leader's courses). Import from the module, not from the package."""
