"""Load test on loopback: gunicorn + PostgreSQL driven by locust, and the venue race (`make load`)."""
