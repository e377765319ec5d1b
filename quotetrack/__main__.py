from .cli import main

# guarded: a Dask worker process started by `--workers N` imports the parent's main module
if __name__ == "__main__":
    main()
