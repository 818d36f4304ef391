"""The dashboard's pages (one module each, run by app.py through st.navigation) and their shared helpers."""
