// a library the file asks Groovy's Grape to download
@Grab('org.apache.commons:commons-lang3:3.12.0')
import org.apache.commons.lang3.StringUtils

task 'shout', { StringUtils.upperCase('hi') }
