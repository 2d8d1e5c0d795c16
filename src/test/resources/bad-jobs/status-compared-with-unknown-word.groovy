task 'a', { 1 }
onFailure { t ->
    if (t.status == 'sucess') println 'never'
}
