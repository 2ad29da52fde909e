"""The cart: guests keep it in the session, logged-in shoppers in the database."""
