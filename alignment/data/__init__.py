"""Loading, validating and normalising training data (SFT chats now; preference pairs next)."""
