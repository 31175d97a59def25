from mimis.cli import main

main()
