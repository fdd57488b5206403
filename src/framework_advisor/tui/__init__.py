"""The Textual front end. Imported only by the commands that open it."""
