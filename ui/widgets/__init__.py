"""Small reusable widgets: page header, notices, password fields, the strength meter."""
