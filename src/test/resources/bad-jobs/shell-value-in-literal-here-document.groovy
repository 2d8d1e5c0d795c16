params name: 'world'
task 'greet', shell('''cat <<'EOF'
hello ${params.name}
EOF''')
