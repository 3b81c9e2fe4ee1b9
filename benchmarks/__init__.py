"""Quality (`make eval`) and speed (`make bench`) harnesses; not shipped in the wheel."""
