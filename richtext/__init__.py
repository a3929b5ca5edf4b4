"""Rich text shared by every content type: the one sanitiser of CKEditor 5 bodies.
Imports no app of the project, so any content app may use it."""
