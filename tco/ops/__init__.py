"""Operations: health checks and logging."""
