"""The areas pages: the home page, administrative units and issuing bodies."""
