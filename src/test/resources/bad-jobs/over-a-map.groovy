// a map of hosts given to over: as it is; its entries name no item
def hosts = [web: '10.0.0.1', db: '10.0.0.2']
map 'ping', over: hosts, shell('ping -c 1 ${item}')
