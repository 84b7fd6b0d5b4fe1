"""Use cases combining storage and forms: set-up, enrolment, records. Qt-free."""
