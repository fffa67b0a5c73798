"""The shared pieces of the web pages: downloads, the form messages officers read, template tags."""
