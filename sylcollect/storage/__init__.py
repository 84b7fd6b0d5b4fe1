"""SQLAlchemy storage: schema, migrations, encrypting repositories, the unlocked workspace."""
