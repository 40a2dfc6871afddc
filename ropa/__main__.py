from ropa.cli.app import main

main()
