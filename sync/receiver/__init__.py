"""CoMensha's reference receiver (FastAPI on uvicorn) and its operator CLI."""
