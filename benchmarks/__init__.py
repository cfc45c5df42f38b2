"""Scripts that print speed and size figures (never timed tests)."""
