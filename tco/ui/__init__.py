"""The only Streamlit code inside tco/: session and URL state, cached wrappers, forms."""
